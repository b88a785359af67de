import type { ChatTable } from '../../../shared/chat-answer.ts';

/** The table of an answer (the last candles, a ranking): numbers right-aligned, scrolling sideways on a phone. */
export function AnswerTable({ table }: { table: ChatTable }) {
  // The first column names the row (a time, a rank); the others are figures.
  const numeric = (column: number) => column > 0 && !/^symbol$/i.test(table.columns[column] ?? '');
  return (
    <div className="chat-table" role="region" aria-label="Table" tabIndex={0}>
      <table data-testid="chat-table">
        <thead>
          <tr>
            {table.columns.map((column, i) => (
              <th key={column} scope="col" data-numeric={numeric(i) || undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={`${row[0]}-${r}`}>
              {row.map((cell, i) => (
                <td key={i} data-numeric={numeric(i) || undefined} data-sign={signOf(cell)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A signed percentage is tinted like the figures: "+1.20%" up, "-0.40%" down. */
function signOf(cell: string): 'up' | 'down' | undefined {
  if (!/^[+\-−]\d[\d.,]*%$/.test(cell)) return undefined;
  return cell.startsWith('+') ? 'up' : 'down';
}
