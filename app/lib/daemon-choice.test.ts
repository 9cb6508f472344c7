import { describe, expect, it } from 'vitest';
import {
  AUTO,
  choiceLabel,
  choiceValue,
  daemonLoad,
  daemonName,
  effectiveChoice,
  offersAuto,
  parseChoiceValue,
  ranOnLabel,
} from './daemon-choice';

type Status = Parameters<typeof daemonLoad>[0];

const ready = (index: number, running = 0, length = 0): Status => ({
  index,
  url: `http://127.0.0.1:70${70 + index}`,
  state: 'ready',
  info: {
    version: '1',
    backend: 'cpu',
    device: { name: 'cpu' },
    limits: {},
    queue: { length, running },
    executor: { state: 'ready' },
  },
});
const down = (index: number): Status => ({
  index,
  url: `http://127.0.0.1:70${70 + index}`,
  state: 'unreachable',
  message: 'refused',
  hint: 'start it',
});

describe('offersAuto', () => {
  it('offers auto only when there is more than one daemon to choose from', () => {
    expect(offersAuto([])).toBe(false);
    expect(offersAuto([ready(0)])).toBe(false);
    expect(offersAuto([ready(0), down(1)])).toBe(true);
  });
});

describe('effectiveChoice', () => {
  it('is null without daemons (or before the list arrives)', () => {
    expect(effectiveChoice(null, [])).toBeNull();
    expect(effectiveChoice(AUTO, [])).toBeNull();
  });

  it('with one daemon: that daemon, never auto', () => {
    expect(effectiveChoice(null, [ready(0)])).toBe(0);
    expect(effectiveChoice(AUTO, [ready(0)])).toBe(0);
    expect(effectiveChoice(null, [down(0)])).toBe(0);
  });

  it('with several daemons: auto by default', () => {
    expect(effectiveChoice(null, [down(0), ready(1)])).toBe(AUTO);
  });

  it('keeps an explicit choice: a daemon index, or auto', () => {
    expect(effectiveChoice(1, [ready(0), ready(1)])).toBe(1);
    expect(effectiveChoice(0, [ready(0), ready(1)])).toBe(0);
    expect(effectiveChoice(AUTO, [ready(0), ready(1)])).toBe(AUTO);
  });

  it('drops a chosen index that is no longer configured', () => {
    expect(effectiveChoice(5, [ready(0), ready(1)])).toBe(AUTO);
    expect(effectiveChoice(5, [down(0)])).toBe(0);
  });
});

describe('select values', () => {
  it('round-trips a choice through the <select> value', () => {
    for (const c of [0, 3, AUTO] as const) expect(parseChoiceValue(choiceValue(c))).toBe(c);
    expect(choiceValue(null)).toBe('');
    expect(parseChoiceValue('')).toBeNull();
    expect(parseChoiceValue('-1')).toBeNull();
    expect(parseChoiceValue('x')).toBeNull();
  });
});

describe('labels', () => {
  it('names the daemon the server picked when the run went through auto', () => {
    expect(ranOnLabel({ daemonUrl: 'http://b:7070', daemonIndex: 1, auto: true })).toBe(
      'Auto → daemon #1 (http://b:7070)',
    );
  });

  it('shows only the URL for a run sent to a chosen daemon (or a stored run)', () => {
    expect(ranOnLabel({ daemonUrl: 'http://b:7070', daemonIndex: 1 })).toBe('http://b:7070');
    expect(ranOnLabel({ daemonUrl: 'http://b:7070', auto: true })).toBe('http://b:7070');
  });

  it('names the choice', () => {
    const list = [ready(0), ready(1)];
    expect(choiceLabel(AUTO, list)).toBe('auto (least loaded)');
    expect(choiceLabel(1, list)).toBe('this machine:7071');
    expect(choiceLabel(null, list)).toBe('no daemon');
  });

  it('counts queued and running runs of a ready daemon as its load', () => {
    expect(daemonLoad(ready(0, 1, 2))).toBe(3);
    expect(daemonLoad(down(0))).toBeNull();
  });
});

describe('daemonName', () => {
  it('names loopback daemons "this machine", others by host, with the port only when not 7070', () => {
    expect(daemonName('http://127.0.0.1:7070')).toBe('this machine');
    expect(daemonName('http://localhost:7071')).toBe('this machine:7071');
    expect(daemonName('http://[::1]:7070/')).toBe('this machine');
    expect(daemonName('https://gpu-box.lab.example.org:7070/some/very/long/path?x=1')).toBe(
      'gpu-box.lab.example.org',
    );
    expect(daemonName('http://10.0.0.5:9000')).toBe('10.0.0.5:9000');
  });
  it('names a paired daemon by its pairing name, and leaves what is not a URL as it is', () => {
    expect(daemonName('paired:lab-4090')).toBe('lab-4090 (paired)');
    expect(daemonName('not a url')).toBe('not a url');
  });
});
