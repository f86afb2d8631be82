import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { drawStroke, installPointerEvents, stubCanvas } from '../test/pointer';
import { theme } from '../theme';
import { SignaturePad, SignatureView, type SignatureValue } from './SignaturePad';

function Harness({ onValue, defaultName = 'Ann Smith', initial = null }: { onValue: (v: SignatureValue | null) => void; defaultName?: string; initial?: SignatureValue | null }) {
  const [value, setValue] = useState<SignatureValue | null>(initial);
  return (
    <MantineProvider theme={theme}>
      <SignaturePad
        role="client"
        label="Client signature"
        value={value}
        defaultName={defaultName}
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
      />
      <button type="button" onClick={() => setValue(null)}>
        parent reset
      </button>
    </MantineProvider>
  );
}

describe('SignaturePad', () => {
  let lines: [number, number][];
  beforeEach(() => {
    installPointerEvents();
    lines = stubCanvas();
  });

  it('drawing with pointer events gives strokes in the 600×200 box, with the printed name', () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} />);
    const canvas = screen.getByRole('img', { name: 'Client signature: drawing area' });
    expect(screen.getByTestId('signature-status')).toHaveTextContent('Not signed yet.');

    drawStroke(canvas, [
      [20, 30],
      [60, 50],
      [110, 70],
    ]);
    // Box coordinates: (client - offset) × 2.
    expect(onValue).toHaveBeenLastCalledWith({
      role: 'client',
      signer_name: 'Ann Smith',
      method: 'drawn',
      image: { width: 600, height: 200, strokes: [[[20, 20], [100, 60], [200, 100]]] },
    });
    expect(lines).toContainEqual([100, 60]);

    // A second stroke is added; a tap becomes a dot of two points; points outside the box are clamped.
    drawStroke(canvas, [[400, 200]], 2);
    const v = onValue.mock.lastCall?.[0] as SignatureValue;
    expect(v.image?.strokes).toHaveLength(2);
    expect(v.image?.strokes[1]).toEqual([
      [600, 200],
      [600.5, 200],
    ]);
    expect(screen.getByTestId('signature-status')).toHaveTextContent('Signature drawn.');
  });

  it('ignores moves of another pointer and tiny jitters, and needs a name', async () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} defaultName="" />);
    const canvas = screen.getByRole('img', { name: /drawing area/ });
    fireEvent.pointerDown(canvas, { pointerId: 1, clientX: 20, clientY: 30, button: 0, pointerType: 'pen' });
    fireEvent.pointerMove(canvas, { pointerId: 9, clientX: 200, clientY: 90, pointerType: 'pen' });
    fireEvent.pointerMove(canvas, { pointerId: 1, clientX: 20.2, clientY: 30.2, pointerType: 'pen' });
    fireEvent.pointerMove(canvas, { pointerId: 1, clientX: 40, clientY: 30, pointerType: 'pen' });
    fireEvent.pointerUp(canvas, { pointerId: 1, clientX: 40, clientY: 30, pointerType: 'pen' });
    // Drawn but no name: not a complete signature.
    expect(onValue).not.toHaveBeenCalled();
    expect(screen.getByTestId('signature-status')).toHaveTextContent('type the full name');
    await userEvent.type(screen.getByLabelText(/Full name of the signer/), 'Ann Smith');
    expect(onValue).toHaveBeenLastCalledWith(
      expect.objectContaining({
        signer_name: 'Ann Smith',
        image: {
          width: 600,
          height: 200,
          strokes: [
            [
              [20, 20],
              [60, 20],
            ],
          ],
        },
      }),
    );
  });

  it('Clear removes the strokes and the value', async () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} />);
    const clear = screen.getByRole('button', { name: 'Clear' });
    expect(clear).toBeDisabled();
    drawStroke(screen.getByRole('img', { name: /drawing area/ }), [
      [20, 30],
      [80, 60],
    ]);
    expect(onValue).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'drawn' }));
    await userEvent.click(clear);
    expect(onValue).toHaveBeenLastCalledWith(null);
    expect(screen.getByTestId('signature-status')).toHaveTextContent('Not signed yet.');
    expect(clear).toBeDisabled();
  });

  it('"Type name instead" works by keyboard alone and needs the confirmation', async () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} defaultName="" />);
    const user = userEvent.setup();
    // Tab to the mode button: name field, then Clear is disabled, then "Type name instead".
    await user.tab();
    expect(screen.getByLabelText(/Full name of the signer/)).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Type name instead' })).toHaveFocus();
    await user.keyboard('{Enter}');
    // The name field gets the focus; there is no drawing area any more.
    expect(screen.getByLabelText(/Full name of the signer/)).toHaveFocus();
    expect(screen.queryByRole('img', { name: /drawing area/ })).not.toBeInTheDocument();
    await user.keyboard('Ann Smith');
    expect(onValue).not.toHaveBeenCalled();
    await user.tab();
    const box = screen.getByRole('checkbox', { name: 'I, Ann Smith, sign with this typed name' });
    expect(box).toHaveFocus();
    await user.keyboard(' ');
    expect(onValue).toHaveBeenLastCalledWith({ role: 'client', signer_name: 'Ann Smith', method: 'typed' });
    expect(screen.getByTestId('signature-status')).toHaveTextContent('Typed signature ready.');
    // Emptying the name makes it incomplete again.
    await user.clear(screen.getByLabelText(/Full name of the signer/));
    expect(onValue).toHaveBeenLastCalledWith(null);
  });

  it('is a labelled group, and the parent can reset it', async () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} />);
    expect(screen.getByRole('group', { name: 'Client signature' })).toBeInTheDocument();
    drawStroke(screen.getByRole('img', { name: /drawing area/ }), [
      [20, 30],
      [80, 60],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'parent reset' }));
    expect(screen.getByTestId('signature-status')).toHaveTextContent('Not signed yet.');
    expect(screen.getByLabelText(/Full name of the signer/)).toHaveValue('Ann Smith');
  });
});

describe('SignatureView', () => {
  it('draws strokes as SVG polylines with a caption', () => {
    render(
      <MantineProvider theme={theme}>
        <SignatureView
          signature={{
            role: 'witness',
            signer_name: 'Karen Olson',
            method: 'drawn',
            image: { width: 600, height: 200, strokes: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
          }}
        />
      </MantineProvider>,
    );
    const svg = screen.getByRole('img', { name: 'Drawn signature of Karen Olson' });
    expect(svg.getAttribute('viewBox')).toBe('0 0 600 200');
    const lines = svg.querySelectorAll('polyline');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.getAttribute('points')).toBe('5,6 7,8');
    expect(screen.getByText(/Signed by Karen Olson \(Witness\)/)).toBeInTheDocument();
  });

  it('shows a typed signature as the name', () => {
    render(
      <MantineProvider theme={theme}>
        <SignatureView signature={{ role: 'client', signer_name: 'Ann Smith', method: 'typed' }} />
      </MantineProvider>,
    );
    expect(screen.getByRole('img', { name: 'Typed signature of Ann Smith' })).toHaveTextContent('Ann Smith');
    expect(screen.getByText(/Typed by Ann Smith \(Client\)/)).toBeInTheDocument();
  });
});
