/** The activity of the bare Update with one activity: hands its input back. */
export const trivialActivities = {
  echo: (value: string): Promise<string> => Promise.resolve(value),
};
