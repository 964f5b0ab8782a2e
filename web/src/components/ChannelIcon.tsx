import type { Channel } from '../api/types.ts';

const paths: Record<Channel, string> = {
  email: 'M3 6h18v12H3z M3 6l9 7 9-7',
  chat: 'M4 5h16v10H9l-5 4z',
  phone:
    'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  in_person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  web: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18',
  social: 'M8 4 6 20 M16 4l-2 16 M4 9h16 M3 15h16',
};

export const channelLabels: Record<Channel, string> = {
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  in_person: 'In person',
  web: 'Web form',
  social: 'Social',
};

const colors: Record<Channel, string> = {
  email: '#1c7ed6',
  chat: '#0ca678',
  phone: '#e8590c',
  in_person: '#7048e8',
  web: '#495057',
  social: '#d6336c',
};

/** A channel drawn as an icon, named for screen readers. */
export function ChannelIcon({ channel, size = 18 }: { channel: Channel; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke={colors[channel] ?? '#495057'}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      role="img"
      aria-label={channelLabels[channel] ?? channel}
      style={{ flexShrink: 0 }}
    >
      <title>{channelLabels[channel] ?? channel}</title>
      <path d={paths[channel] ?? paths.web} />
    </svg>
  );
}
