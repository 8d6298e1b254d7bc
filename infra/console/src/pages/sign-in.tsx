/** Sign-in: locally, pick one of the demo county's users; on AWS, the identity provider (OIDC + PKCE). */
import { GlobalOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, List, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate } from "react-router-dom";
import { useApp } from "../app-context";
import { type DemoUser, demoUsers, localSignIn } from "../auth/local";
import { oidcCallback, oidcSignIn } from "../auth/oidc";
import { useLoad } from "../patterns/use-load";

const roleLabel = { admin: "roleAdmin", staff: "roleStaff", member: "roleMember" } as const;

function LocalUsers() {
  const { config, t, signIn } = useApp();
  const users = useLoad(() => demoUsers(config.apiBase), [config.apiBase]);
  const [error, setError] = useState<string | undefined>();
  const choose = (user: DemoUser) =>
    localSignIn(config.apiBase, user.id)
      .then(signIn)
      .catch((e: unknown) => setError(String(e)));
  return (
    <>
      {(users.error || error) && <Alert type="error" title={users.error?.message ?? error} showIcon />}
      <List<DemoUser>
        loading={users.loading}
        dataSource={users.data ?? []}
        renderItem={(user) => (
          <List.Item
            actions={[
              <Button
                key="sign-in"
                type="primary"
                onClick={() => choose(user)}
                aria-label={`${t.signIn} ${user.name}`}
              >
                {t.signIn}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  {user.name} <Tag>{t[roleLabel[user.role]]}</Tag>
                </span>
              }
              description={user.description}
            />
          </List.Item>
        )}
      />
    </>
  );
}

function OidcSignIn() {
  const { config, t, signIn } = useApp();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (config.identity.kind !== "oidc") return;
    oidcCallback(config.identity)
      .then((token) => (token ? signIn(token) : undefined))
      // The API's own words (e.g. 403: not registered here yet), not the error's class name.
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [config.identity, signIn]);
  if (config.identity.kind !== "oidc") return null;
  const identity = config.identity;
  return (
    <>
      {error && <Alert type="error" title={error} showIcon />}
      {/* After a refusal the provider is asked to let someone else sign in, not to reuse its session. */}
      <Button
        type="primary"
        size="large"
        onClick={() => oidcSignIn(identity, error ? { prompt: "login" } : {})}
      >
        {t.signInOidc}
      </Button>
    </>
  );
}

export function SignInPage() {
  const { session, config, t, language, setLanguage } = useApp();
  if (session) return <Navigate to="/" replace />;
  return (
    <main>
      <Flex justify="center" style={{ padding: 16 }}>
        <Card
          style={{ width: "100%", maxWidth: 640 }}
          title={
            <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
              {t.appName}
            </Typography.Title>
          }
          extra={
            <Button icon={<GlobalOutlined />} onClick={() => setLanguage(language === "en" ? "zh-CN" : "en")}>
              {t.language}
            </Button>
          }
        >
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {config.identity.kind === "local" ? t.signInTitle : t.signIn}
          </Typography.Title>
          {config.identity.kind === "local" ? <LocalUsers /> : <OidcSignIn />}
        </Card>
      </Flex>
    </main>
  );
}
