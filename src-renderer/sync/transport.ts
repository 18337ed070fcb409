// What every sync transport reports, so the sync bar can say how this copy is connected.
export type TransportKind = 'webrtc' | 'relay';

export interface TransportStatus {
  kind: TransportKind;
  /** At least one server (signaling or relay) answers. */
  online: boolean;
  /** Peers reached directly through this transport (WebRTC data channels; 1 for a synced relay). */
  peers: number;
  /** When another copy last showed up in the WebRTC room (announced or offered) and no connection opened since (ms since the epoch). */
  peerSeenAt?: number;
  /** The relay holds every local change (relay only). */
  holdsEverything?: boolean;
  /** Last error, in French, until the transport recovers. */
  error?: string;
}

export interface Transport {
  readonly kind: TransportKind;
  status(): TransportStatus;
  destroy(): void;
  /**
   * Relay only: asks the relay to forget this document after a purge, keeping only `keep` (the
   * purge's certificates and new key). Resolves once sent and acknowledged by the relay closing.
   */
  forget?(keep: readonly { d: string; g: string }[]): Promise<void>;
}
