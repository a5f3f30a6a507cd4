import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

/** The page of a server-paginated list, kept in the address (`?page=`), with labelled controls. */
export function PageNav({ total, pageSize }: { total: number; pageSize: number }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  return (
    <Pagination
      total={Math.max(1, Math.ceil(total / pageSize))}
      value={Number(params.get('page') ?? 1)}
      onChange={(p) => setParams({ ...Object.fromEntries(params), page: String(p) })}
      getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
      getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
    />
  );
}
