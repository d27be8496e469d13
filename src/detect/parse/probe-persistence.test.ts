import { describe, expect, it } from 'vitest';
import { makeContainer, makeContainerStatus, makeEvent, makePod, makeSnapshot, minutesAgo } from '../../../test/helpers/builders.js';
import { isSettledProbeEvent, readinessFailurePersists } from './probe-persistence.js';

const probe = { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 3 };
const refused = 'Readiness probe failed: Get "http://10.1.4.7:8080/ready": dial tcp 10.1.4.7:8080: connect: connection refused';

function unreadyPod(startedMinutesAgo: number, readySinceMinutes = startedMinutesAgo) {
  return makePod({
    containers: [makeContainer({ readinessProbe: probe })],
    containerStatuses: [makeContainerStatus({ ready: false, state: { running: { startedAt: minutesAgo(startedMinutesAgo) } } })],
    status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(readySinceMinutes) }] },
  });
}

describe('readinessFailurePersists', () => {
  it('ignores failures of a container that started seconds ago (inside its 15s budget)', () => {
    const pod = unreadyPod(0.15);
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: refused, firstMinutesAgo: 0.1, lastMinutesAgo: 0.05, count: 2 });
    expect(readinessFailurePersists(makeSnapshot({ objects: [pod], events: [event] }), pod, pod.status!.containerStatuses![0]!, probe, [event])).toBe(false);
  });

  it('counts failures on a container running for 20 minutes without becoming Ready', () => {
    const pod = unreadyPod(20);
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: refused, firstMinutesAgo: 19, lastMinutesAgo: 0.2, count: 230 });
    expect(readinessFailurePersists(makeSnapshot({ objects: [pod], events: [event] }), pod, pod.status!.containerStatuses![0]!, probe, [event])).toBe(true);
  });

  it('never counts a pod that is being deleted', () => {
    const pod = unreadyPod(600);
    pod.metadata.deletionTimestamp = minutesAgo(-0.3);
    expect(readinessFailurePersists(makeSnapshot({ objects: [pod] }), pod, pod.status!.containerStatuses![0]!, probe, [])).toBe(false);
  });
});

describe('isSettledProbeEvent', () => {
  it('settles early readiness failures on a container that is Ready now', () => {
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: refused, firstMinutesAgo: 2, lastMinutesAgo: 1.9, count: 2 });
    expect(isSettledProbeEvent(makeSnapshot({ objects: [pod], events: [event] }), event)).toBe(true);
  });

  it('keeps readiness failures on a container that has been unready for long', () => {
    const pod = unreadyPod(45);
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: refused, firstMinutesAgo: 44, lastMinutesAgo: 0.1, count: 500 });
    expect(isSettledProbeEvent(makeSnapshot({ objects: [pod], events: [event] }), event)).toBe(false);
  });

  it('settles an old liveness blip on a Ready container that was not restarted since', () => {
    const pod = makePod();
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: 'Liveness probe failed: Get "http://10.1.4.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', firstMinutesAgo: 50, lastMinutesAgo: 49 });
    expect(isSettledProbeEvent(makeSnapshot({ objects: [pod], events: [event] }), event)).toBe(true);
  });

  it('keeps a recent liveness failure even on a Ready container', () => {
    const pod = makePod();
    const event = makeEvent({ reason: 'Unhealthy', container: 'app', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', firstMinutesAgo: 3, lastMinutesAgo: 0.5, count: 2 });
    expect(isSettledProbeEvent(makeSnapshot({ objects: [pod], events: [event] }), event)).toBe(false);
  });

  it('leaves other warnings alone', () => {
    const pod = makePod();
    const event = makeEvent({ reason: 'BackOff', container: 'app', message: 'Back-off restarting failed container app in pod web-7d9f8c6b5-x2kq7_shop(uid)' });
    expect(isSettledProbeEvent(makeSnapshot({ objects: [pod], events: [event] }), event)).toBe(false);
  });
});
