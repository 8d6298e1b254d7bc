/** The members the user may see, as a picker's options ("name · sector"); loaded only when wanted. */
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { allPages } from "../patterns/all-pages";
import { useLoad } from "../patterns/use-load";

export function useMemberChoices(wanted = true) {
  const { api } = useSession();
  const members = useLoad(
    () =>
      wanted
        ? allPages((cursor) => unwrap(api.GET("/members", { params: { query: { limit: 100, cursor } } })))
        : Promise.resolve([]),
    [api, wanted],
  );
  return (members.data ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.sector}` }));
}
