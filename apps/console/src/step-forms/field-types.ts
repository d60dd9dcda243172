import type { BodySchema } from './body-schemas';

/** What a step form's fields are drawn from, apart from the widgets that draw them. */
export interface Choice {
  readonly value: string | number;
  readonly label: string;
}

/** Choices the programme's pack gives for a field (counties, industries…), and the fixed keys of records. */
export interface FieldChoices {
  readonly options?: Readonly<Record<string, readonly Choice[]>>;
  readonly recordKeys?: Readonly<Record<string, readonly Choice[]>>;
  /** This form's own names for fields whose common name is another form's (a project's `name`). */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface SchemaFieldProps {
  readonly name: string;
  readonly path: (string | number)[];
  readonly schema: BodySchema;
  readonly required: boolean;
  readonly choices: FieldChoices;
  /** The field's label where the pack names it (a plan document's code), instead of the catalogue's. */
  readonly label?: string;
}
