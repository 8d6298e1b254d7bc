/** The members serving at a station (its roster page), and the same as a picker's options. */
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { useLoad } from "../patterns/use-load";

export function useStationMembers(stationId: string) {
  const { api } = useSession();
  const members = useLoad(
    () =>
      unwrap(
        api.GET("/stations/{stationId}/members", { params: { path: { stationId }, query: { limit: 100 } } }),
      ),
    [api, stationId],
  );
  const choices = (members.data?.items ?? []).map((a) => ({
    value: a.memberId,
    label: a.member?.name ?? a.memberId,
  }));
  return { members, choices };
}
