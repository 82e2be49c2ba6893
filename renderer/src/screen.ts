import { useEffect, useRef, useState } from 'react';
import type { ScreenPage } from '../../shared/contract';
import { client, onConnection } from './client';

// The page never routes a scan: it tells the station what the screen shows, and the station's router decides.
let page: ScreenPage = 'pack';
let approvals = 0;

function send(): void {
  client.call('screen.show', { page, dialog: approvals > 0 ? 'approval' : null }).catch(() => undefined);
}

// A restarted station starts on the Pack page: tell it again what is on the screen.
onConnection((up) => {
  if (up) send();
});

export function showPage(p: ScreenPage): void {
  page = p;
  send();
}

/**
 * The lead field of a dialog that needs a shift lead. While the dialog is open the station knows it, and a lead's
 * badge scanned at the bench (any scanner) fills the field instead of going to the packing workflow.
 */
export function useLeadField(open: boolean): [string, (lead: string) => void] {
  const [lead, setLead] = useState('');
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!open) return;
    approvals++;
    send();
    applied.current = null;
    const off = client.on('station.state', (s) => {
      const scanned = s.approval?.lead ?? null;
      if (scanned && scanned !== applied.current) setLead(scanned);
      applied.current = scanned;
    });
    return () => {
      off();
      approvals--;
      send();
    };
  }, [open]);
  return [lead, setLead];
}
