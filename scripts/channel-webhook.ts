// npm run channels:webhook -- telegram|whatsapp: tells the platform where Relais receives its messages
// (PUBLIC_URL/api/telegram or PUBLIC_URL/api/whatsapp), with the settings of README's "Messaging channels".
import { loadSettings } from '../bot/config/settings.js';
import { setTelegramWebhook, setWhatsAppWebhook } from '../bot/messaging/webhook-setup.js';

const channel = process.argv[2];
if (channel !== 'telegram' && channel !== 'whatsapp') {
  console.error('usage: npm run channels:webhook -- telegram|whatsapp');
  process.exit(2);
}
try {
  const url = await (channel === 'telegram' ? setTelegramWebhook : setWhatsAppWebhook)(loadSettings());
  console.log(`${channel}: webhook set to ${url}`);
} catch (error) {
  console.error(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
