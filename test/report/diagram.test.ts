import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagramModel, foldRepeats, type DiagramEvent } from '../../src/report/diagram-model';
import { renderSequenceDiagram } from '../../src/report/diagram-svg';
import { scenarioRedactor } from '../../src/report/scenario-secrets';
import { TranscriptBuilder, sampleChatTranscript } from './sample-transcript';
import { allText, findAll, parseXml, type XmlElement } from './xml';

function labels(svg: XmlElement): string[] {
  return findAll(svg, 'text').map(allText);
}

describe('sequence diagram', () => {
  it('is a well-formed, self-contained SVG with a lane per client and one for the server', () => {
    const entries = new TranscriptBuilder().connect('alice').connect('bob').send('alice', 'hi').receive('bob', 'hi').entries;
    const source = renderSequenceDiagram(entries, { title: 'two clients' });
    const svg = parseXml(source);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
    assert.ok(!/<script|href=|@import|url\(http/i.test(source), 'no scripts or external resources');
    const text = labels(svg);
    assert.ok(text.includes('alice') && text.includes('bob'));
    assert.ok(text.includes('server 127.0.0.1:40000'));
    assert.ok(text.some((label) => label.startsWith('Sequence diagram: two clients')));
  });

  it('draws frames as arrows labelled with opcode, length and preview', () => {
    const svg = parseXml(renderSequenceDiagram(sampleChatTranscript()));
    const text = labels(svg);
    assert.ok(text.includes('text 5 B "hello"'), text.join(' | '));
    assert.ok(text.includes('ping 2 B "p1"'));
    assert.ok(text.includes('binary 3 B 01 02 ff'));
    assert.ok(text.includes('close 5 B 1000 "bye"'));
    // 8 frames + TCP connect + request + response = 11 arrows, each with an arrowhead.
    assert.equal(findAll(svg, 'line').filter((line) => line.attributes['marker-end']).length, 11);
  });

  it('marks closes and errors on the client lane', () => {
    const entries = new TranscriptBuilder()
      .connect('alice')
      .error('alice', 'pong-timeout', 'no pong within 500 ms')
      .close('alice', 1006, '', false, 'transport').entries;
    const svg = parseXml(renderSequenceDiagram(entries));
    const text = labels(svg);
    assert.ok(text.includes('error pong-timeout: no pong within 500 ms'));
    assert.ok(text.includes('closed 1006, initiated by transport, not clean'));
    // The error's cross is drawn in red.
    assert.ok(findAll(svg, 'path').some((path) => path.attributes.stroke === '#dc2626'));
  });

  it('folds heartbeats repeated back to back into one block with a count', () => {
    const builder = new TranscriptBuilder().connect('alice');
    for (let index = 0; index < 30; index++) builder.frame('alice', 'out', 9, '').frame('alice', 'in', 10, '');
    const model = diagramModel(builder.entries);
    assert.equal(model.rows.length, 3 + 2);
    assert.equal(model.totalFrames, 60);
    const text = labels(parseXml(renderSequenceDiagram(builder.entries)));
    assert.ok(text.includes('×30'));
  });

  it('caps a long exchange with a "… N more frames" marker, keeping its start and end', () => {
    const builder = new TranscriptBuilder().connect('alice');
    for (let index = 0; index < 500; index++) builder.send('alice', `m${index}`).receive('alice', `m${index}`);
    const model = diagramModel(builder.entries, { maxRows: 41 });
    assert.equal(model.rows.length, 41);
    const gap = model.rows.find((row) => row.type === 'gap');
    assert.ok(gap && gap.type === 'gap');
    assert.equal(gap.omittedFrames, 1000 - (41 - 1 - 3));
    const text = labels(parseXml(renderSequenceDiagram(builder.entries, { maxRows: 41 })));
    assert.ok(text.some((label) => label.startsWith(`… ${gap.omittedFrames} more frames`)));
    assert.ok(text.includes('text 4 B "m499"'));
  });

  it('puts clients beyond the lane limit on one shared lane, labels prefixed with the client', () => {
    const builder = new TranscriptBuilder();
    for (let index = 1; index <= 10; index++) builder.send(`user-${index}`, 'hi');
    const model = diagramModel(builder.entries, { maxClientLanes: 4 });
    assert.deepEqual(
      model.lanes.map((lane) => lane.label),
      ['user-1', 'user-2', 'user-3', '7 more clients', 'server'],
    );
    const text = labels(parseXml(renderSequenceDiagram(builder.entries, { maxClientLanes: 4 })));
    assert.ok(text.includes('user-9: text 2 B "hi"'));
  });

  it('escapes payload text and masks secrets', () => {
    const entries = new TranscriptBuilder()
      .connect('alice', { cookie: 'sid=diagram-secret-42' })
      .send('alice', '</text><script>x</script> sid=diagram-secret-42').entries;
    const source = renderSequenceDiagram(entries, { redactor: scenarioRedactor([], entries) });
    assert.ok(!source.includes('diagram-secret-42'));
    assert.ok(!source.includes('<script>'));
    parseXml(source);
  });

  it('draws an empty transcript without failing', () => {
    const svg = parseXml(renderSequenceDiagram([]));
    assert.ok(labels(svg).includes('server'));
  });
});

describe('folding repeats', () => {
  const event = (label: string, flow: 'out' | 'in' = 'out'): DiagramEvent => ({
    type: 'arrow',
    t: 0,
    lane: 0,
    flow,
    tone: 'data',
    label,
    repeat: 1,
    frames: 1,
    isFrame: true,
  });

  it('folds single events repeated twice or more', () => {
    const folded = foldRepeats([event('a'), event('a'), event('a'), event('b')]);
    assert.deepEqual(
      folded.map((row) => [row.label, row.repeat, row.frames]),
      [
        ['a', 3, 3],
        ['b', 1, 1],
      ],
    );
  });

  it('folds a block of several events only when it comes back at least three times', () => {
    const twice = foldRepeats([event('p'), event('q', 'in'), event('p'), event('q', 'in')]);
    assert.equal(twice.length, 4);
    const thrice = foldRepeats([event('p'), event('q', 'in'), event('p'), event('q', 'in'), event('p'), event('q', 'in')]);
    assert.deepEqual(
      thrice.map((row) => [row.label, row.repeat, row.blockSize, row.inBlock]),
      [
        ['p', 3, 2, true],
        ['q', 3, undefined, true],
      ],
    );
  });
});
