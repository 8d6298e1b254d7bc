/** The activity a page's path names (`/activities/:activityId…`), as the API has it now. */
import { useParams } from "react-router-dom";
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { useLoad } from "../patterns/use-load";

export function useActivity() {
  const { activityId = "" } = useParams();
  const { api } = useSession();
  return useLoad(
    () => unwrap(api.GET("/activities/{activityId}", { params: { path: { activityId } } })),
    [api, activityId],
  );
}
