import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { read, transfer } from '../api/client';
import type { CrossingPoint } from '../api/types';

const POINT_KEY = 'console.crossingPoint';

/** The border officer's crossing point (remembered in this browser) and the points open on `date`, for every border page. */
export function useCrossingPoint(date: string) {
  const [point, setPoint] = useState<string | null>(localStorage.getItem(POINT_KEY));
  const points = useQuery({
    queryKey: ['crossing-points', date],
    queryFn: async () =>
      read<CrossingPoint[] | { points: CrossingPoint[] }>(await transfer.GET('/border/crossing-points', { params: { query: { date } } })),
  });
  const list = Array.isArray(points.data) ? points.data : (points.data?.points ?? []);
  const choose = (code: string | null) => {
    setPoint(code);
    if (code) localStorage.setItem(POINT_KEY, code);
  };
  return { point, choose, list, error: points.error };
}

/** The crossing point chooser (tablet-sized). */
export function CrossingPointSelect({ point, choose, list }: Pick<ReturnType<typeof useCrossingPoint>, 'point' | 'choose' | 'list'>) {
  const { t } = useTranslation();
  return (
    <Select
      size="md"
      label={t('border.crossingPoint')}
      placeholder={t('border.choosePoint')}
      data={list.map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
      value={point}
      onChange={choose}
      searchable
      w={320}
    />
  );
}
