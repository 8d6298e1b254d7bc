/**
 * A list's filter: a Select named for screen readers by `label` (shown as the placeholder unless
 * another is given), as wide as its choices need; cleared, it filters nothing.
 */
import { Select } from "antd";

export interface FilterSelectProps<T extends string | number> {
  readonly label: string;
  readonly placeholder?: string;
  readonly width: number;
  readonly value: T | undefined;
  readonly onChange: (value: T | undefined) => void;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  /** Default true: a filter left empty shows everything. */
  readonly clearable?: boolean;
}

export function FilterSelect<T extends string | number>(props: FilterSelectProps<T>) {
  return (
    <Select<T>
      aria-label={props.label}
      placeholder={props.placeholder ?? props.label}
      allowClear={props.clearable ?? true}
      style={{ minWidth: props.width }}
      value={props.value}
      onChange={(value) => props.onChange(value ?? undefined)}
      options={props.options.map((option) => ({ ...option }))}
    />
  );
}
