/**
 * Messages of the quarterly check on demand (functions/quota-checks.ts).
 * Added to the kernel's messages (kernel/http/messages.ts) by the entry that serves them.
 */
import { addMessages } from "../../kernel/http/messages";

export const quotaCheckMessages = addMessages({
  as_of_in_future: {
    "zh-CN": "检查日期不能晚于现在：季度尚未开始的检查会按今天的数据评判",
    en: "asOf cannot be in the future: a quarter not yet begun would be judged on today's counts",
  },
  check_running: {
    "zh-CN": "该次季度检查正在进行，请稍后查看结果",
    en: "This quarterly check is running; look at its results shortly",
  },
});
