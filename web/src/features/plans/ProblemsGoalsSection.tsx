import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { PlanContent, PlanGoal, PlanObjective, PlanProblem } from '../../api/plans';
import { newGoal, newObjective, newProblem, removeGoal, removeObjective, removeProblem } from './planDraft';

interface SectionProps {
  content: PlanContent;
  onChange: (next: PlanContent) => void;
  /** Server field errors by JSON path (`objectives[2].target_date`). */
  errors: Record<string, string>;
  disabled: boolean;
}

/** Problems grouped by ASAM dimension (prefilled from the assessment); each can be edited, added or removed. */
export function ProblemsSection({ content, onChange, errors, disabled, dimensions }: SectionProps & { dimensions: { number: number; name: string }[] }) {
  const setProblem = (id: string, patch: Partial<PlanProblem>) =>
    onChange({ ...content, problems: content.problems.map((p) => (p.id === id ? { ...p, ...patch } : p)) });
  return (
    <Stack gap="sm">
      {errors.problems && (
        <Text size="sm" c="red.8" role="alert">
          Problems: {errors.problems}
        </Text>
      )}
      {[1, 2, 3, 4, 5, 6].map((n) => {
        const name = dimensions.find((d) => d.number === n)?.name ?? '';
        const rows = content.problems.map((p, i) => ({ p, i })).filter(({ p }) => p.dimension === n);
        return (
          <Paper key={n} withBorder p="sm" data-testid={`problems-d${n}`}>
            <Group justify="space-between" align="center" mb={rows.length ? 'xs' : 0}>
              <Title order={3} size="h5">
                Dimension {n}
                {name ? `: ${name}` : ''}
              </Title>
              {!disabled && (
                <Button size="compact-sm" variant="light" onClick={() => onChange({ ...content, problems: [...content.problems, newProblem(n)] })}>
                  Add problem (dimension {n})
                </Button>
              )}
            </Group>
            <Stack gap="xs">
              {rows.map(({ p, i }, k) => (
                <Group key={p.id} align="flex-start" wrap="nowrap">
                  <Textarea
                    style={{ flex: 1 }}
                    label={`Problem ${k + 1} in dimension ${n}`}
                    description={p.from_assessment_id ? 'From the assessment' : undefined}
                    autosize
                    minRows={1}
                    value={p.description}
                    onChange={(e) => setProblem(p.id, { description: e.currentTarget.value })}
                    error={errors[`problems[${i}].description`] ?? errors[`problems[${i}]`]}
                    disabled={disabled}
                  />
                  {!disabled && (
                    <Button mt={24} size="compact-sm" variant="subtle" color="gray" onClick={() => onChange(removeProblem(content, p.id))} aria-label={`Remove problem ${k + 1} in dimension ${n}`}>
                      Remove
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function problemLabel(p: PlanProblem, k: number): string {
  const text = p.description.trim();
  return `D${p.dimension} · ${text ? (text.length > 50 ? `${text.slice(0, 47)}…` : text) : `problem ${k + 1}`}`;
}

/** Goals in the client's own words, each with its measurable objectives and their target dates. */
export function GoalsSection({ content, onChange, errors, disabled }: SectionProps) {
  const setGoal = (id: string, patch: Partial<PlanGoal>) => onChange({ ...content, goals: content.goals.map((g) => (g.id === id ? { ...g, ...patch } : g)) });
  const setObjective = (id: string, patch: Partial<PlanObjective>) =>
    onChange({ ...content, objectives: content.objectives.map((o) => (o.id === id ? { ...o, ...patch } : o)) });
  return (
    <Stack gap="md">
      {errors.goals && (
        <Text size="sm" c="red.8" role="alert" data-testid="goals-error">
          Goals: {errors.goals}
        </Text>
      )}
      {content.goals.length === 0 && (
        <Text size="sm" c="dimmed">
          No goals yet. Ask the client what they want to change, and write it the way they say it.
        </Text>
      )}
      {content.goals.map((g, gi) => {
        const gIndex = content.goals.findIndex((x) => x.id === g.id);
        const objectives = content.objectives.map((o, i) => ({ o, i })).filter(({ o }) => o.goal_id === g.id);
        return (
          <Paper key={g.id} withBorder p="sm" component="fieldset" aria-label={`Goal ${gi + 1}`} data-testid={`goal-${gi + 1}`}>
            <Stack gap="xs">
              <Group align="flex-start" wrap="nowrap">
                <Textarea
                  style={{ flex: 1 }}
                  label={`Goal ${gi + 1}, in the client’s own words`}
                  autosize
                  minRows={1}
                  value={g.text}
                  onChange={(e) => setGoal(g.id, { text: e.currentTarget.value })}
                  error={errors[`goals[${gIndex}].text`]}
                  disabled={disabled}
                />
                {!disabled && (
                  <Button mt={24} size="compact-sm" variant="subtle" color="gray" onClick={() => onChange(removeGoal(content, g.id))}>
                    Remove goal {gi + 1}
                  </Button>
                )}
              </Group>
              {content.problems.length > 0 && (
                <Checkbox.Group
                  label="Problems this goal addresses"
                  value={g.problem_ids}
                  onChange={(v) => setGoal(g.id, { problem_ids: v })}
                  error={errors[`goals[${gIndex}].problem_ids`]}
                >
                  <Group gap="md" mt={4}>
                    {content.problems.map((p, k) => (
                      <Checkbox key={p.id} value={p.id} label={problemLabel(p, k)} disabled={disabled} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
              <Text fw={600} size="sm" mt="xs">
                Objectives
              </Text>
              {objectives.length === 0 && (
                <Text size="sm" c="dimmed">
                  No objectives yet: add something measurable with a date.
                </Text>
              )}
              {objectives.map(({ o, i }, oi) => {
                const tag = `${gi + 1}.${oi + 1}`;
                return (
                  <Paper key={o.id} withBorder p="xs" bg="gray.0" data-testid={`objective-${tag}`}>
                    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                      <Textarea
                        label={`Objective ${tag}`}
                        autosize
                        minRows={1}
                        value={o.text}
                        onChange={(e) => setObjective(o.id, { text: e.currentTarget.value })}
                        error={errors[`objectives[${i}].text`]}
                        disabled={disabled}
                      />
                      <TextInput
                        type="date"
                        label={`Target date for objective ${tag}`}
                        withAsterisk
                        value={o.target_date}
                        onChange={(e) => setObjective(o.id, { target_date: e.currentTarget.value })}
                        error={errors[`objectives[${i}].target_date`]}
                        disabled={disabled}
                      />
                      <TextInput
                        label={`How objective ${tag} is measured`}
                        placeholder="e.g. attendance log, negative tests"
                        value={o.measure}
                        onChange={(e) => setObjective(o.id, { measure: e.currentTarget.value })}
                        error={errors[`objectives[${i}].measure`]}
                        disabled={disabled}
                      />
                    </SimpleGrid>
                    {!disabled && (
                      <Group justify="flex-end" mt={4}>
                        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onChange(removeObjective(content, o.id))}>
                          Remove objective {tag}
                        </Button>
                      </Group>
                    )}
                  </Paper>
                );
              })}
              {!disabled && (
                <Group>
                  <Button size="compact-sm" variant="light" onClick={() => onChange({ ...content, objectives: [...content.objectives, newObjective(g.id)] })}>
                    Add objective to goal {gi + 1}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
      {!disabled && (
        <Group>
          <Button variant="light" onClick={() => onChange({ ...content, goals: [...content.goals, newGoal()] })}>
            Add goal
          </Button>
        </Group>
      )}
    </Stack>
  );
}
