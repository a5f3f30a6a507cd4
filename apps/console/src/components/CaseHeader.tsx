import { Anchor, Badge, Group, Title } from '@mantine/core';
import { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** The top of a case's page: the way back to its list, the case's title, its status and any other badges. */
export function CaseHeader({
  back,
  backLabel,
  title,
  status,
  children,
}: {
  back: string;
  backLabel: string;
  title: string;
  status: string;
  children?: ReactNode;
}) {
  return (
    <>
      <Anchor component={Link} to={back}>
        {backLabel}
      </Anchor>
      <Group>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Badge size="lg" variant="filled">
          {status}
        </Badge>
        {children}
      </Group>
    </>
  );
}
