// Small inline icons in the brand mark's style: strokes in currentColor, hidden from screen readers.

export function ChatIcon() {
  return (
    <svg className="chat-svg-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

export function TrashIcon() {
  return (
    <svg className="chat-svg-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg className="chat-svg-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 5v14M5 12h14" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}

export function SendIcon() {
  return (
    <svg className="chat-svg-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M4 12l16-8-6 16-2-6z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
