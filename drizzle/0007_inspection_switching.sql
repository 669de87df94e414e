CREATE TABLE "inspection_switching" (
	"supplier_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"severity" "inspection_severity" DEFAULT 'NORMAL' NOT NULL,
	"discontinued" boolean DEFAULT false NOT NULL,
	"switching_score" integer DEFAULT 0 NOT NULL,
	"recent_normal" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accepted_in_a_row" integer DEFAULT 0 NOT NULL,
	"not_accepted_on_tightened" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_switching_supplier_id_part_id_pk" PRIMARY KEY("supplier_id","part_id")
);
--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "reduced_inspection_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_switching" ADD CONSTRAINT "inspection_switching_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_switching" ADD CONSTRAINT "inspection_switching_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;