export { formatPrice, formatPercent } from '../../../shared/format.ts';
