/**
 * How many frames a stack trace taken inside the workflow sandbox keeps (decision 0133).
 *
 * The SDK takes a stack trace for every promise workflow code creates, mapped through the bundle's
 * source map, to answer the stack-trace query; it is the largest single cost of a workflow task beyond
 * Temporal's own. Four frames keep that query's answer for a town as it is with V8's ten (each pending
 * wait, named by its function and line) and keep the throw site of an error, at about 7 % less of a
 * town's whole cost. `stack-trace-frames.preload.ts` applies it inside the sandbox.
 */
export const WORKFLOW_STACK_FRAMES = 4;
