import { WORKFLOW_STACK_FRAMES } from './stack-trace-frames';

// Only the worker preloads this module (`preloadedWorkflowModules`), so the limit is set before the
// sandbox's globals are frozen and holds for every workflow, replays included; a process that imports
// it would cut its own stack traces, so nothing else does (decision 0133).
Error.stackTraceLimit = WORKFLOW_STACK_FRAMES;
