import { Table } from '@mantine/core';
import { ReactNode } from 'react';
import { Empty, ErrorNotice, Loading } from './common';

/**
 * A list read from a service as a table: its error, "loading", the words for an empty list, or the table with its
 * column headers and the rows (`children`, rendered once the data is there).
 */
export function ListTable({
  query,
  empty,
  minWidth,
  headers,
  testId,
  children,
}: {
  query: { error: unknown; isLoading: boolean; data?: unknown[] };
  empty: string;
  minWidth: number;
  headers: string[];
  testId?: string;
  children: () => ReactNode;
}) {
  return (
    <>
      <ErrorNotice error={query.error} />
      {query.isLoading ? (
        <Loading />
      ) : !query.data?.length ? (
        <Empty>{empty}</Empty>
      ) : (
        <HeadedTable minWidth={minWidth} headers={headers} testId={testId}>
          {children()}
        </HeadedTable>
      )}
    </>
  );
}

/** A striped table that scrolls sideways below its width, with its column headers (and a caption above, when given). */
export function HeadedTable({
  minWidth,
  headers,
  testId,
  label,
  caption,
  highlightOnHover,
  children,
}: {
  minWidth: number;
  headers: string[];
  testId?: string;
  label?: string;
  caption?: string;
  highlightOnHover?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover={highlightOnHover} captionSide={caption ? 'top' : undefined} data-testid={testId} aria-label={label}>
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
