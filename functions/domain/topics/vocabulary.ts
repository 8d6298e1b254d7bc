/** Words of the topic loop that evidence and topics are described with. */

/** Where a topic comes from: 群众反映, 委员提出, 社情民意信息, 党政要事. */
export const topicSources = ["resident", "member", "publicOpinion", "partyGovernment"] as const;
export type TopicSource = (typeof topicSources)[number];

/** How a determined topic will be consulted on: 协商议事会, 网络议政, 走访协商 (on the spot), other. */
export const consultationFormats = ["meeting", "onlineConsultation", "visitConsultation", "other"] as const;
export type ConsultationFormat = (typeof consultationFormats)[number];

/** How the people who raised a topic are told the outcome. */
export const feedbackMethods = ["visit", "phone", "sms", "meeting", "notice", "other"] as const;
export type FeedbackMethod = (typeof feedbackMethods)[number];
