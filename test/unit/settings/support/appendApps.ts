// Child process for the concurrent-writes test: appends `count` app names to policy.allowApps.
import { SettingsStore } from "../../../../agent/settings/SettingsStore.js";

const [path, tag, count] = process.argv.slice(2);
const store = new SettingsStore(path!);
for (let i = 0; i < Number(count); i++) {
  await store.update((s) => ({ ...s, policy: { ...s.policy, allowApps: [...s.policy.allowApps, `${tag}${i}`] } }));
}
