import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemInWords, ruleInWords } from '../lib/rule-text';

/** A time limit's rule in the interface's language (the platform's English, marked as such, only when unknown). */
export function RuleWords({ rule }: { rule: string }) {
  const { i18n } = useTranslation();
  const words = ruleInWords(i18n, rule);
  return (
    <Text span size="sm" lang={words.english ? 'en' : undefined}>
      {words.text}
    </Text>
  );
}

/** A broken rule by its code, in the interface's language (its English message only for an unknown code). */
export function ProblemWords({ problem }: { problem: { code?: string; message: string; lastDay?: string } }) {
  const { i18n } = useTranslation();
  const words = problemInWords(i18n, problem);
  return (
    <Text span size="sm" lang={words.english ? 'en' : undefined}>
      {words.text}
    </Text>
  );
}
