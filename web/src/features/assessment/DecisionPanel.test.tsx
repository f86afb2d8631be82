import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen } from '../../test/render';
import { DecisionPanel } from './DecisionPanel';
import { POLICY, assessment } from './testData';

const decided = (level: string) => ({
  level,
  level_label: level,
  reason: '',
  differs: false,
  decided_by_name: 'Priya Shah',
  decided_at: '2026-04-01T15:00:00.000Z',
});

const noop = async () => assessment();

describe('DecisionPanel for a continued-stay review', () => {
  it('says the episode stepped down from its previous level to the decided one, with no admission form', () => {
    renderScreen(
      <DecisionPanel
        assessment={assessment({
          kind: 'continued_stay',
          status: 'complete',
          current_level: '2.1',
          direction: 'step_down',
          decision: decided('1'),
          outcome: { kind: 'level_changed', previous_level: '2.1', recorded_at: '2026-04-01T15:00:00.000Z' },
        })}
        policy={POLICY}
        run={noop}
        onErrors={() => {}}
      />,
    );
    const outcome = screen.getByTestId('outcome');
    expect(outcome).toHaveTextContent('Level of care changed');
    expect(outcome).toHaveTextContent('from 2.1 Intensive outpatient to 1 Outpatient');
    expect(screen.queryByRole('form', { name: 'Admit to IOP' })).not.toBeInTheDocument();
  });

  it('says the client continues at the same level', () => {
    renderScreen(
      <DecisionPanel
        assessment={assessment({
          kind: 'continued_stay',
          status: 'complete',
          current_level: '2.1',
          direction: 'continue',
          decision: decided('2.1'),
          outcome: { kind: 'continued', previous_level: '2.1' },
        })}
        policy={POLICY}
        run={noop}
        onErrors={() => {}}
      />,
    );
    expect(screen.getByTestId('outcome')).toHaveTextContent('The client continues at 2.1 Intensive outpatient.');
  });
});
