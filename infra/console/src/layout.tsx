/** The frame around every signed-in page: the menu (a drawer-like collapse on a phone), who is signed in, language, sign-out. */
import { GlobalOutlined, LogoutOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useApp } from "./app-context";
import { oidcSignOut } from "./auth/oidc";
import { sections } from "./navigation";

const roleLabel = { admin: "roleAdmin", staff: "roleStaff", member: "roleMember" } as const;

export function Shell() {
  const { session, config, t, language, setLanguage, signOut } = useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  if (!session) return <Navigate to="/sign-in" replace />;
  // With a provider, its session ends too (the page leaves for it and comes back to sign-in).
  const signOutEverywhere = () => {
    signOut();
    // The console's session is over either way; a provider that cannot be reached keeps only its own.
    if (config.identity.kind === "oidc") oidcSignOut(config.identity).catch(() => undefined);
  };

  const visible = sections.filter((section) => section.visible(session));
  const selected =
    [...visible]
      .sort((a, b) => b.path.length - a.path.length)
      .find((s) => location.pathname === s.path || location.pathname.startsWith(`${s.path}/`))?.path ?? "/";
  const selectedKey = location.pathname === "/topics/board" ? "/topics/board" : selected;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        breakpoint="md"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        width={200}
      >
        <nav aria-label={t.appName}>
          <div style={{ padding: "16px", fontWeight: 600 }}>{t.appName}</div>
          <Menu
            mode="inline"
            selectedKeys={[selectedKey]}
            items={visible.map((s) => ({ key: s.path, icon: s.icon, label: t[s.label] }))}
            onClick={({ key }) => {
              navigate(key);
              if (window.innerWidth < 768) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            padding: "0 16px",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
          }}
        >
          <Space wrap size="small">
            <Typography.Text data-testid="signed-in-as">{session.name}</Typography.Text>
            <Tag>{t[roleLabel[session.role]]}</Tag>
            <Button
              size="small"
              icon={<GlobalOutlined />}
              onClick={() => setLanguage(language === "en" ? "zh-CN" : "en")}
            >
              {t.language}
            </Button>
            <Button size="small" icon={<LogoutOutlined />} onClick={signOutEverywhere}>
              {t.signOut}
            </Button>
          </Space>
        </Layout.Header>
        {/* Layout.Content is the page's one <main> landmark (antd renders it as <main>). */}
        <Layout.Content style={{ padding: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
