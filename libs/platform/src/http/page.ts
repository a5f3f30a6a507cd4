import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The page of a server-side paginated list (`page` from 1, `pageSize` at most 200). */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `skip`/`limit` of a page. */
export const pageWindow = (q: { page: number; pageSize: number }) => ({ skip: (q.page - 1) * q.pageSize, limit: q.pageSize });

/** The OpenAPI schema of a page of `item`: `{items, total, page, pageSize}` (a class per item type, named `<Item>Page`). */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageOfItems {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({ description: 'how many match the filters' }) total!: number;
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name}Page` });
  return PageOfItems;
}
