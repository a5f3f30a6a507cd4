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
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {headers.map((h) => (
                  <Table.Th key={h} scope="col">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children()}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
