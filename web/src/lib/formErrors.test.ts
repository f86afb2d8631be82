import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { leafPaths, splitFieldErrors, toFormPath } from './formErrors';

describe('form errors', () => {
  it('maps server JSON paths to form paths', () => {
    expect(toFormPath('credentials[1].expires_on')).toBe('credentials.1.expires_on');
    expect(toFormPath('address.postal_code')).toBe('address.postal_code');
  });

  it('lists leaf paths of nested values', () => {
    expect(leafPaths({ a: '', b: { c: '' }, d: [{ e: '' }] })).toEqual(['a', 'b', 'b.c', 'd', 'd.0', 'd.0.e']);
  });

  it('splits field errors into those beside inputs and the rest', () => {
    const err = new ApiError(400, 'invalid_argument', 'bad', [
      { field: 'legal_name.family', message: 'is required' },
      { field: 'credentials[0].expires_on', message: 'must be a real date' },
      { field: 'If-Match', message: 'must be a version' },
    ]);
    const values = { legal_name: { family: '' }, credentials: [{ expires_on: '' }] };
    const r = splitFieldErrors(err, values);
    expect(r.byPath).toEqual({ 'legal_name.family': 'is required', 'credentials.0.expires_on': 'must be a real date' });
    expect(r.other).toEqual([{ field: 'If-Match', message: 'must be a version' }]);
  });
});
