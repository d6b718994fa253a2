import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/shared/errors.js';
import { singleValuedQuery } from './query-parameters.js';

/** Found by the 100,000-request fuzz pass: `GET /v2/reports?reportTypes=a&reportTypes=b` was a 500. */
describe('singleValuedQuery', () => {
  it('passes one text per parameter through', () => {
    expect({ ...singleValuedQuery({ reportTypes: 'a,b', pageSize: '10' }) }).toEqual({
      reportTypes: 'a,b',
      pageSize: '10',
    });
  });

  it('refuses a repeated parameter with InvalidParameterValue naming it', () => {
    const refusal = (() => {
      try {
        singleValuedQuery({ reportTypes: ['a', 'b'] });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'InvalidParameterValue' });
    expect(String((refusal as Error).message)).toContain('reportTypes');
  });

  it('keeps prototype names as plain data', () => {
    const query = singleValuedQuery(JSON.parse('{"__proto__":"x","constructor":"y"}'));
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(query.constructor).toBe('y');
  });
});
