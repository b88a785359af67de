import { Component, type ReactNode } from 'react';

interface Props {
  /** Shown instead of the children once they failed. */
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * Keeps a lazily loaded part from taking the whole page down: a chunk that cannot load (offline, or
 * replaced by a deploy) or a part that throws shows `fallback`, and the chart stays. React still
 * reports the error on the console.
 */
export class FailureBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
