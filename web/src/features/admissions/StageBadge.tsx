const COLORS: Record<string, string> = {
  intake: 'blue',
  assessment: 'violet',
  orientation: 'cyan',
  treatment: 'teal',
  aftercare: 'green',
  discharged: 'gray',
};

/** A care stage as a calm, high-contrast pill (dark text on a light tint) that never truncates. */
export function StageBadge({ stage, label }: { stage: string; label: string }) {
  const color = COLORS[stage] ?? 'gray';
  return (
    <span
      className="sw-stage"
      data-stage={stage}
      style={{
        background: `var(--mantine-color-${color}-0)`,
        color: 'var(--mantine-color-gray-9)',
        borderColor: `var(--mantine-color-${color}-4)`,
      }}
    >
      {label}
    </span>
  );
}
