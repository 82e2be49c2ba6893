import { useEffect, useState } from 'react';
import type { DeviceStatus, StationInfo, StationState } from '../../shared/contract';
import { client, onConnection } from './client';

export interface StationView {
  info: StationInfo | null;
  state: StationState | null;
  connected: boolean;
}

/** The station as the view sees it: fetched once, then kept current by pushed events. */
export function useStation(): StationView {
  const [info, setInfo] = useState<StationInfo | null>(null);
  const [state, setState] = useState<StationState | null>(null);
  const [connected, setConnected] = useState(true);

  useEffect(() => {
    let alive = true;
    const refresh = () => {
      void client.call('station.info').then((i) => alive && setInfo(i));
      void client.call('station.getState').then((s) => alive && setState(s));
    };
    refresh();
    const offs = [
      client.on('station.state', (s) => {
        // Benches split a scan's time at this mark: the station's part before it, the page's drawing after.
        performance.mark('packbench:state-received', { detail: s.revision });
        setState((prev) => (prev && prev.revision > s.revision ? prev : s));
      }),
      client.on('device.status', (d: DeviceStatus) =>
        setInfo((prev) =>
          prev ? { ...prev, devices: prev.devices.map((x) => (x.id === d.id ? d : x)) } : prev,
        ),
      ),
      onConnection((up) => {
        setConnected(up);
        if (up) refresh();
      }),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, []);

  return { info, state, connected };
}
