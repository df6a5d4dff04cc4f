/**
 * Status glyphs: the status is never told by colour alone (a check, a pen, an "i", a "?", a "1",
 * a dash), and always next to words, so every icon is hidden from assistive technology.
 */
import type { JSX } from 'preact';
import type { StatusVariant } from './status';

export type IconName = StatusVariant | 'notFound' | 'note' | 'close' | 'chevron' | 'copy' | 'external';

function Svg({ children, class: className }: { children: JSX.Element | JSX.Element[]; class?: string }) {
  return (
    <svg
      class={className ?? 'us-icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  switch (name) {
    case 'signed':
      return (
        <Svg class={className}>
          <path d="M3.5 8.5l3 3 6-7" />
        </Svg>
      );
    case 'organiser':
      // A pen: organised (wrote) and signed.
      return (
        <Svg class={className}>
          <path d="M10.5 2.5l3 3-7.5 7.5H3v-3z" />
          <path d="M9 4l3 3" />
        </Svg>
      );
    case 'actor':
    case 'note':
      return (
        <Svg class={className}>
          <circle cx="8" cy="8" r="6" />
          <path d="M8 7.2v4" />
          <path d="M8 4.8v.01" />
        </Svg>
      );
    case 'unconfirmed':
      return (
        <Svg class={className}>
          <circle cx="8" cy="8" r="6" />
          <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.4" />
          <path d="M8 11.4v.01" />
        </Svg>
      );
    case 'signedSingle':
      // A "1" in a circle: one outlet's word.
      return (
        <Svg class={className}>
          <circle cx="8" cy="8" r="6" />
          <path d="M7 6.2l1.3-1v6" />
        </Svg>
      );
    case 'notFound':
      return (
        <Svg class={className}>
          <circle cx="8" cy="8" r="6" />
          <path d="M5.5 8h5" />
        </Svg>
      );
    case 'close':
      return (
        <Svg class={className}>
          <path d="M4 4l8 8M12 4l-8 8" />
        </Svg>
      );
    case 'chevron':
      return (
        <Svg class={className}>
          <path d="M6 4l4 4-4 4" />
        </Svg>
      );
    case 'copy':
      return (
        <Svg class={className}>
          <rect x="5.5" y="5.5" width="7.5" height="7.5" rx="1.2" />
          <path d="M3 10.5V4a1 1 0 0 1 1-1h6.5" />
        </Svg>
      );
    case 'external':
      return (
        <Svg class={className}>
          <path d="M9.5 3H13v3.5" />
          <path d="M13 3L8 8" />
          <path d="M11.5 9.5V13H3V4.5h3.5" />
        </Svg>
      );
  }
}
