// Alert tones made with the Web Audio API (no audio file). Browsers allow sound only
// after a user gesture, so unlock() is called from the first click or key press.

const MUTE_KEY = 'uitweg.console.muted';
let context = null;
let muted = readMuted();

function readMuted() {
  try {
    return localStorage.getItem(MUTE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function isMuted() {
  return muted;
}

export function setMuted(value) {
  muted = value;
  try {
    localStorage.setItem(MUTE_KEY, String(value));
  } catch {
    // the choice lasts for this page only
  }
}

export function unlock() {
  const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
  if (!Context) return;
  context ??= new Context();
  if (context.state === 'suspended') context.resume().catch(() => {});
}

function tone(frequency, start, length) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + length + 0.02);
}

/** kind: 'queue' (two rising tones) or 'offer' (three). */
export function chime(kind = 'queue') {
  if (muted || !context || context.state !== 'running') return;
  const now = context.currentTime;
  const notes = kind === 'offer' ? [660, 880, 990] : [660, 880];
  notes.forEach((frequency, i) => tone(frequency, now + i * 0.18, 0.16));
}
