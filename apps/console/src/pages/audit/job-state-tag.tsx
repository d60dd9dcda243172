import { useTranslation } from 'react-i18next';
import { ReadableTag, type TagTone } from '../../components/readable-tag';

const tones: Record<string, TagTone> = {
  running: 'blue',
  completed: 'green',
  failed: 'red',
  'timed-out': 'orange',
};

export function JobStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <ReadableTag tone={tones[state] ?? 'default'} data-testid="job-state">
      {t(`audit.jobs.states.${state}`, { defaultValue: state })}
    </ReadableTag>
  );
}

/** Polls a job while it runs, then stops: a closed job never changes again. */
export const jobPollMs = 1_000;
