/** Register a station (the county office). */
import { Card, Form, Input, Select } from "antd";
import { useNavigate } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { ApiForm } from "../patterns/api-form";
import { zones } from "./stations";

interface StationForm {
  kind: "station" | "room";
  name: string;
  zone: string;
  township?: string;
  hostVenue: {
    type:
      | "civilization-practice-center"
      | "party-service-center"
      | "governance-center"
      | "industry-association"
      | "chamber-of-commerce"
      | "other";
    name: string;
  };
  liaison: { leader?: string; committee?: string };
  contact: { name?: string; phone?: string };
}

const venueTypes = {
  "zh-CN": {
    "civilization-practice-center": "新时代文明实践中心（所、站）",
    "party-service-center": "党群服务中心",
    "governance-center": "社会治理中心",
    "industry-association": "行业协会",
    "chamber-of-commerce": "商会",
    other: "其他",
  },
  en: {
    "civilization-practice-center": "Civilization practice centre",
    "party-service-center": "Party and public service centre",
    "governance-center": "Social governance centre",
    "industry-association": "Industry association",
    "chamber-of-commerce": "Chamber of commerce",
    other: "Other",
  },
} as const;

export function StationNewPage() {
  const { api, t, language } = useSession();
  const navigate = useNavigate();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t.registerStation}</h2>} style={{ maxWidth: 720 }}>
      <ApiForm<StationForm>
        name="station"
        initialValues={{ kind: "station", hostVenue: { type: "civilization-practice-center", name: "" } }}
        submit={({ contact, township, ...values }) =>
          unwrap(
            api.POST("/stations", {
              body: {
                ...values,
                ...(township ? { township } : {}),
                ...(contact.name || contact.phone
                  ? { contact: { name: contact.name ?? "", phone: contact.phone ?? "" } }
                  : {}),
              },
              params: { header: { "Idempotency-Key": crypto.randomUUID() } },
            }),
          )
        }
        onDone={(station) => navigate(`/stations/${(station as { id: string }).id}`)}
      >
        <Form.Item name="kind" label={t.kind}>
          <Select
            options={[
              { value: "station", label: t.kindStation },
              { value: "room", label: t.kindRoom },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="zone" label={t.zone} rules={[{ required: true }]}>
          <Select options={zones.map((z) => ({ value: z, label: z }))} />
        </Form.Item>
        <Form.Item name="township" label={t.township}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={["hostVenue", "type"]} label={t.venueType}>
          <Select
            options={Object.entries(venueTypes[language]).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name={["hostVenue", "name"]} label={t.venueName} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name={["liaison", "leader"]} label={t.liaisonLeader} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={["liaison", "committee"]} label={t.liaisonCommittee} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={["contact", "name"]} label={t.contactName}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={["contact", "phone"]} label={t.contactPhone}>
          <Input inputMode="tel" />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}
