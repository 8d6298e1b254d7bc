/**
 * The form pattern: antd's Form, submitting to the API; a 400's field problems appear beside the
 * fields they name (the API's messages, in the user's language), anything else above the buttons.
 * `fieldMap` maps the API's dotted field paths to the form's field names where they differ.
 */
import { Alert, Button, Form, type FormInstance, Space } from "antd";
import { type ReactNode, useState } from "react";
import { ApiProblem, type FieldProblem, fieldProblemsText } from "../api/errors";
import { useApp } from "../app-context";
import { fieldPaths, formFieldOf, namePathOf } from "./field-placement";

export interface ApiFormProps<V> {
  readonly form?: FormInstance<V>;
  readonly submit: (values: V) => Promise<unknown>;
  readonly onDone?: (result: unknown) => void;
  readonly fieldMap?: Readonly<Record<string, string>>;
  readonly submitLabel?: string;
  readonly initialValues?: Partial<V>;
  readonly children: ReactNode;
  readonly name: string;
}

export function ApiForm<V extends object>(props: ApiFormProps<V>) {
  const { t, language } = useApp();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  const onFinish = async (values: V) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await props.submit(values);
      props.onDone?.(result);
    } catch (error) {
      if (!(error instanceof ApiProblem)) {
        setProblem(error instanceof Error ? error.message : String(error));
        return;
      }
      const known = fieldPaths(form.getFieldsValue());
      const byField = new Map<string, string[]>();
      const unplaced: FieldProblem[] = [];
      for (const detail of error.details) {
        const field = formFieldOf(detail.field, known, props.fieldMap ?? {});
        if (field) byField.set(field, [...(byField.get(field) ?? []), detail.message]);
        else unplaced.push(detail);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name: namePathOf(name) as never, errors })));
      // What no field of the form shows, above the buttons, the fields named as the form names them.
      if (unplaced.length > 0 && error.code === "validation_failed")
        setProblem(fieldProblemsText(unplaced, language));
      else if (byField.size === 0 || unplaced.length > 0)
        setProblem([error.message, ...unplaced.map((detail) => detail.message)].join(" "));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<V>
      form={form}
      name={props.name}
      layout="vertical"
      onFinish={onFinish}
      initialValues={props.initialValues}
      scrollToFirstError
    >
      {props.children}
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {props.submitLabel ?? t.submit}
        </Button>
      </Space>
    </Form>
  );
}
