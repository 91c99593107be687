/** Phrasings of instructions aimed at an agent rather than at the page's human reader. */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(previous|prior|above|earlier|all|your)\b.{0,20}\b(instructions?|tasks?|prompts?|rules?)\b/i,
  /\b(new|updated|real|actual)\s+(instructions?|task|orders?)\b/i,
  /\byou\s+(are|must|should)\s+now\b/i,
  /\b(as an? )?(ai|assistant|agent|model|llm)\b.{0,30}\b(must|should|need to|are required to)\b/i,
  /\b(system|developer)\s*(prompt|message|override)\s*:/i,
  /\b(send|email|post|upload|transfer|forward)\b.{0,40}\b(password|credentials?|token|api key|secret|ssh key|money|funds|bitcoin)\b/i,
  /\b(curl|wget)\b[^|]{0,200}\|\s*(ba|z)?sh\b/i,
  /\brm\s+-rf\b/i,
];

/** Addresses the text points at: URLs and e-mail addresses. */
const ADDRESS = /\b(?:https?:\/\/[^\s"'<>]+|[\w.+-]+@[\w-]+\.[\w.-]+)/gi;

/**
 * Why typing `text` looks like following an instruction injected through the screen, or
 * undefined. Text the task itself contains is never flagged: the user asked for it. Otherwise
 * the text is flagged when it reads like an instruction to an agent, when it carries an address
 * the task does not mention, or when it was copied from on-screen text that does.
 */
export function detectInjection(text: string, task: string, screenText?: string): string | undefined {
  const t = text.trim();
  if (t === "" || task.toLowerCase().includes(t.toLowerCase())) return undefined;
  const instruction = INSTRUCTION_PATTERNS.find((p) => p.test(t));
  if (instruction) return `the text to type reads like an instruction to the agent ("${clip(t)}"), not something the task asked for`;
  const taskLower = task.toLowerCase();
  const foreign = [...t.matchAll(ADDRESS)].map((m) => m[0]).find((a) => !taskLower.includes(a.toLowerCase()));
  if (foreign) return `the text to type carries an address the task does not mention (${foreign})`;
  if (screenText && copiedFrom(t, screenText) && INSTRUCTION_PATTERNS.some((p) => p.test(screenText))) {
    return "the text to type comes from on-screen text that gives instructions to the agent";
  }
  return undefined;
}

/**
 * Whether typed text was taken from the on-screen text: contained in it, or sharing a run of 12
 * or more characters with it (a model quotes and types with small differences), case and spacing aside.
 */
function copiedFrom(typed: string, screen: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
  const a = norm(typed);
  const b = norm(screen);
  if (b.includes(a)) return true;
  const span = 12;
  for (let i = 0; i + span <= a.length; i++) if (b.includes(a.slice(i, i + span))) return true;
  return false;
}

/** Whether on-screen text holds an instruction aimed at an agent. */
export function looksLikeInjection(screenText: string): boolean {
  return INSTRUCTION_PATTERNS.some((p) => p.test(screenText));
}

function clip(s: string): string {
  return s.length <= 60 ? s : `${s.slice(0, 59)}…`;
}
