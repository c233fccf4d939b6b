import { Column, Entity, PrimaryColumn } from 'typeorm';

// Settings every instance must share (e.g. the key that signs acknowledgement links).
@Entity({ name: 'app_setting' })
export class AppSetting {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_app_setting' })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
