import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PossibleDuplicate } from '../../api/inquiries';
import { formatDate } from '../../lib/format';

/** Existing clients who may be the person about to be registered, with why; `action` adds a last cell. */
export function PossibleDuplicatesTable({ items, action }: { items: PossibleDuplicate[]; action?: (d: PossibleDuplicate) => ReactNode }) {
  return (
    <Table aria-label="Possible duplicates">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Client</Table.Th>
          <Table.Th>Born</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>
            <VisuallyHidden>Action</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              {d.display_name}{' '}
              <Text span size="xs" c="dimmed">
                {d.mrn}
              </Text>
            </Table.Td>
            <Table.Td>{formatDate(d.birth_date)}</Table.Td>
            <Table.Td>{d.why.join('; ')}</Table.Td>
            <Table.Td>{action?.(d)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
