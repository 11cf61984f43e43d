// npm run emulator -- [--port 8081] [--flood] [--latency MS]
// A local Telegram Bot API for trying the bot without Telegram, and for benchmarks.
import { TelegramEmulator } from '../emulator/emulator.ts';
import { startEmulatorServer } from '../emulator/server.ts';
import { positiveInt, readArgs } from './args.ts';

const { values } = readArgs(
  { port: { type: 'string', default: '8081' }, flood: { type: 'boolean', default: false }, latency: { type: 'string' } },
  'npm run emulator -- [--port 8081] [--flood] [--latency MS]',
);
const emulator = new TelegramEmulator({
  ...(values.flood ? { flood: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } } : {}),
  latencyMs: positiveInt(values.latency, '--latency') ?? 0,
});
const running = await startEmulatorServer(emulator, { port: positiveInt(values.port, '--port') ?? 8081 });
const c = `${running.apiRoot}/control`;
console.log(`Telegram Bot API emulator listening on ${running.apiRoot}

Run the bot against it (any token of the right shape works):
  BOT_API_ROOT=${running.apiRoot} BOT_TOKEN=123456789:emulator-token-aaaaaaaaaaaa npm start

Then act as a reader:
  curl -s ${c}/send -d userId=7 -d text=/latest
  curl -s ${c}/send -d userId=7 -d 'text=المعادن النادرة'
  curl -s ${c}/transcript -d chatId=7          # what the bot answered
  curl -s ${c}/press -d userId=7 -d messageId=2 -d button=النص      # press a button by its label
  curl -s ${c}/inline -d userId=7 -d query=اليابان
  curl -s ${c}/stats`);
process.once('SIGINT', () => void running.close().then(() => process.exit(0)));
