/**
 * Browser notifications for alerts. Permission is asked only from a user gesture (creating the first
 * alert): asked at load, browsers refuse it quietly or nag; refused once, it is never asked again.
 */
export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

/** Shows a notification when the user allowed them; `tag` folds the same trigger from several tabs into one. */
export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some mobile browsers only notify through a service worker: the in-app toast still tells.
  }
}
