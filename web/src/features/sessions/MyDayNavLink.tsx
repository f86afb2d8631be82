import { Badge, NavLink } from '@mantine/core';
import { Link } from 'react-router';
import { useOpenTaskCount } from './taskCount';

/** "My day" in the navigation, with the number of my open tasks (tasks are the notifications). */
export function MyDayNavLink({ active, countTasks, refreshKey }: { active: boolean; countTasks: boolean; refreshKey?: unknown }) {
  const count = useOpenTaskCount(countTasks, refreshKey);
  const label = count ? `My day, ${count} open task${count === 1 ? '' : 's'}` : 'My day';
  return (
    <NavLink
      component={Link}
      to="/my-day"
      label="My day"
      aria-label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      rightSection={
        count ? (
          <Badge size="sm" color="indigo" variant="filled" aria-hidden="true" data-testid="open-task-count">
            {count}
          </Badge>
        ) : null
      }
    />
  );
}
