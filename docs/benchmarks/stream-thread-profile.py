#!/usr/bin/env python3
"""Where a gold run's stream thread spends its time, from a JFR recording of `bench` (docs/BENCHMARKS.md).

    java -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=gold.jfr,settings=profile \
        -jar tools/target/zoom-metering-tools.jar bench --variants gold --rounds 1 --guarantee exactly_once_v2 \
        --scale-users 0 --latency-duration PT0S
    jfr print --stack-depth 300 --events jdk.ExecutionSample gold.jfr > samples.txt
    python3 docs/benchmarks/stream-thread-profile.py samples.txt

Only the measured round's stream thread is counted (application ids end in -r1, the warm-up's in -r0). Each
sample goes to the first step, in the order below, found on its stack; within intake and the account ledgers,
to the first part found above the processor's frame. Prints a Markdown table of shares of the samples.
"""
import collections
import re
import sys

THREAD = re.compile(r'-gold-exactlyoncev2-r1-.*StreamThread-\d+$')

STEPS = [
    ('commit: record caches flushed to RocksDB and the changelogs', 'ThreadCache.flush'),
    ('commit: the transaction and its offsets', 'commit'),
    ('punctuations: shipping partial aggregates, closing audit intervals', 'punctuate'),
    ('combiner: sums of partials, formulas, gold rows', 'Combiner.process'),
    ('account ledgers', 'AccountProcessor.process'),
    ('meetings router', 'MeetingRouter.process'),
    ('intake', 'IntakeProcessor.process'),
    ('fetching and decoding records (poll)', 'poll'),
    ('choosing the next record (partition group)', 'PartitionGroup'),
]

PARTS = {
    'IntakeProcessor.process': [
        ('writing to the by-account topic (encode, produce)', 'SinkNode.process'),
        ('duplicate check and accepted-id write', 'WindowStore'),
        ('decode', 'deserialize'),
        ('audit counts', 'AuditLedger'),
        ('validation', 'validate'),
    ],
    'AccountProcessor.process': [
        ('activity', 'ActivityLedger'),
        ('partial aggregates written to their store', 'PartialAggregates.flush'),
        ('meeting contributions', 'MeetingLedger'),
        ('event totals', 'countEvent'),
        ('plan as of the record (versioned store)', 'PlanResolver'),
        ('usage and overage', 'UsageLedger'),
        ('billing', 'BillingLedger'),
    ],
}


def main(path):
    steps = collections.Counter()
    parts = {frame: collections.Counter() for frame in PARTS}
    total = 0
    for event in open(path).read().split('jdk.ExecutionSample'):
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or not THREAD.search(thread.group(1)):
            continue
        total += 1
        frames = re.findall(r'^\s+([\w$.<>]+)\(', event, re.M)
        stack = ' '.join(frames)
        steps[next((name for name, frame in STEPS if frame in stack), 'other')] += 1
        for frame, rules in PARTS.items():
            if frame in stack:
                above = ' '.join(frames[:max(i for i, f in enumerate(frames) if frame in f)])
                parts[frame][next((name for name, part in rules if part in above), 'the rest')] += 1
    if total == 0:
        sys.exit('no samples of a measured gold round\'s stream thread in ' + path)
    print(f'{total} samples\n\n| step | share |\n|---|---:|')
    for name, count in steps.most_common():
        print(f'| {name} | {100 * count / total:.0f} % |')
        frame = next((f for n, f in STEPS if n == name), None)
        for part, share in (parts[frame].most_common() if frame in parts else []):
            print(f'| &nbsp;&nbsp;{part} | {100 * share / total:.0f} % |')


if __name__ == '__main__':
    main(sys.argv[1])
