/**
 * The station a list is about: a picker of the stations the user may see (staff usually have one),
 * kept in the address (`?station=`) so a page's links and the back button keep it.
 */
import { Select } from "antd";
import { useSearchParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { allPages } from "../patterns/all-pages";
import { useLoad } from "../patterns/use-load";

export function useStationChoice() {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const stations = useLoad(
    () => allPages((cursor) => unwrap(api.GET("/stations", { params: { query: { limit: 100, cursor } } }))),
    [api],
  );
  const list = stations.data ?? [];
  const wanted = params.get("station");
  const stationId = list.find((s) => s.id === wanted)?.id ?? list[0]?.id;
  const choose = (id: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set("station", id);
        return next;
      },
      { replace: true },
    );
  return { stations: list, stationId, choose, loading: stations.loading, error: stations.error };
}

interface PickerProps {
  readonly choice: ReturnType<typeof useStationChoice>;
}

export function StationPicker({ choice }: PickerProps) {
  const { t } = useSession();
  return (
    <Select
      aria-label={t.stationPicker}
      style={{ minWidth: 240 }}
      loading={choice.loading}
      value={choice.stationId}
      onChange={choice.choose}
      options={choice.stations.map((s) => ({ value: s.id, label: s.name }))}
      showSearch={{ optionFilterProp: "label" }}
    />
  );
}
