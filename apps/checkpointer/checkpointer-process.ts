/** What `npm run checkpointer` runs once its command line and settings are read (main.ts). */
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { CheckpointerProcessSettings } from '../process-settings';
import { describeStartupFailure } from '../startup-failure';
import { startCheckpointer } from './run-checkpointer';

async function main({ config, audit }: CheckpointerProcessSettings): Promise<void> {
  const store = await createEventStore(config.eventStore);
  try {
    const checkpointer = await startCheckpointer({ store, audit });
    const stop = (signal: string) => {
      console.log(`${signal}: stopping after the round under way…`);
      void checkpointer.stop();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    console.log(
      `Checkpointer: every ${checkpointer.every}, signing with ${checkpointer.keyId}, ` +
        `into ${checkpointer.sinks}. Ctrl+C to stop.`,
    );
    await checkpointer.stopped;
  } finally {
    await store.close();
  }
}

/** Runs the process; a failure to start is printed and ends it with status 1. */
export function runCheckpointerProcess(settings: CheckpointerProcessSettings): void {
  main(settings).catch((error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  });
}
