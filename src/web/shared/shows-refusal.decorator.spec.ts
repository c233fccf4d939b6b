import { ValidationError } from '../../platform/http/domain-error';
import { Refused, ShowsRefusal } from './shows-refusal.decorator';
import { PAGE_CSP, answer, json, page, seeOther } from './web-answer';

class Forms {
  @ShowsRefusal('facts')
  async refuse(): Promise<string> {
    throw new ValidationError([{ path: 'title', message: 'is required' }]);
  }

  @ShowsRefusal()
  async fail(): Promise<string> {
    throw new TypeError('a bug');
  }

  @ShowsRefusal()
  async succeed(): Promise<string> {
    return 'ok';
  }
}

function fakeReply() {
  const sent = { status: 0, headers: {} as Record<string, string> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
  };
  return { reply, sent };
}

describe('a handler marked @ShowsRefusal()', () => {
  it('turns a domain error into a refusal of its form', async () => {
    const refused = await new Forms().refuse().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Refused);
    expect([(refused as Refused).form, (refused as Refused).error.errors]).toEqual(['facts', [{ path: 'title', message: 'is required' }]]);
  });

  it('lets any other error through, and answers as before when nothing fails', async () => {
    await expect(new Forms().fail()).rejects.toThrow(TypeError);
    await expect(new Forms().succeed()).resolves.toBe('ok');
  });

  it('keeps the metadata Nest put on the handler', () => {
    const handler = function original() {};
    Reflect.defineMetadata('path', 'incidents/:id/facts', handler);
    const descriptor: PropertyDescriptor = { value: handler };
    ShowsRefusal()({}, 'original', descriptor);
    expect([Reflect.getMetadata('path', descriptor.value), (descriptor.value as () => void).name]).toEqual([
      'incidents/:id/facts',
      'original',
    ]);
  });
});

describe('the answers of a page', () => {
  it('writes a page with its type, policy and no-store', () => {
    const { reply, sent } = fakeReply();
    expect(answer(reply, page(400, '<p>x</p>'))).toBe('<p>x</p>');
    expect(sent).toEqual({
      status: 400,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' },
    });
  });

  it('sends a 303 with an empty body, and JSON as problem+json when it is an error', () => {
    const redirect = fakeReply();
    expect(answer(redirect.reply, seeOther('/login'))).toBe('');
    expect(redirect.sent).toEqual({ status: 303, headers: { location: '/login' } });
    const problem = fakeReply();
    expect(answer(problem.reply, json(401, { status: 401, title: 'Not signed in' }))).toBe('{"status":401,"title":"Not signed in"}');
    expect(problem.sent.headers['content-type']).toBe('application/problem+json');
    const ok = fakeReply();
    answer(ok.reply, json(200, { score: 1 }));
    expect(ok.sent.headers['content-type']).toBe('application/json');
  });
});
