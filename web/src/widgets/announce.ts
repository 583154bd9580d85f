// "Nosūtīt uzaicinājumu": the secretary announces a draft sitting; every present member and
// invited specialist with an address gets the invitation with the agenda and a calendar entry.
import { api, errorText } from '../api.ts';
import { h } from '../dom.ts';
import { confirmDialog } from './confirm.ts';

export function announceButton(sittingId: number, say: (text: string) => void): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        const ok = await confirmDialog({
          title: 'Nosūtīt uzaicinājumu',
          text: 'Dalībnieki ar e-pasta adresi saņems uzaicinājumu ar darba kārtību un kalendāra ierakstu. Ja sēdes laiku vai vietu vēlāk mainīsiet, viņi saņems izmaiņas.',
          confirm: 'Nosūtīt',
        });
        if (!ok) return;
        try {
          const res = await api.post<{ recipients: number }>(`/api/sittings/${sittingId}/announce`);
          say(`Uzaicinājums nosūtīts ${res.recipients} dalībniekiem.`);
        } catch (err) {
          say(errorText(err));
        }
      },
    },
    'Nosūtīt uzaicinājumu',
  );
}
