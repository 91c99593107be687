/** The service's one way to answer a confirmation, a run's or a replay's alike (ConfirmBroker). */
export interface ConfirmsApi {
  /** Settles the open request `requestId`; UNKNOWN_REQUEST when none is open under that id. */
  answerConfirm(requestId: string, allow: boolean): Promise<void>;
}
